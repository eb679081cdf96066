/** Library package: reflection on learning, for school classes. */
import type { LibraryEntry } from "./index.js";
import { paragraphs } from "./text.js";

export const reflection: LibraryEntry = {
  slug: "reflection-on-learning",
  en: {
    name: "Reflection on learning",
    description:
      "Short, regular reflections that help students notice how they learn: what went well, what was hard, and what they will try next. Works in any subject, from year 4 upwards.",
    content: {
      roleTitles: { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } },
      tags: [
        { name: "I understood", colour: "green" },
        { name: "It was hard", colour: "orange" },
        { name: "I need help", colour: "red" },
        { name: "I helped someone", colour: "teal" },
        { name: "I tried something new", colour: "purple" },
        { name: "I asked a question", colour: "blue" },
        { name: "I kept going", colour: "yellow" },
        { name: "Group work", colour: "pink" },
      ],
      tasks: [
        {
          title: "Start of term: how I learn best",
          instructions: paragraphs(
            "Think about a time when you learned something well, in school or outside it. What were you doing? Who was with you?",
            "Write a few sentences about what helps you learn: reading, listening, trying things out, talking with others, or something else. Also write one thing that makes learning harder for you.",
            "Pick the emoji that shows how you feel about starting the term.",
          ),
        },
        {
          title: "My goal for this term",
          instructions: paragraphs(
            "Choose one goal you want to reach before the end of the term. Make it something you can see or show, for example \"I can explain photosynthesis to a friend\" rather than \"I get better at biology\".",
            "Write your goal and two small steps that take you towards it. Which step will you start with this week?",
          ),
        },
        {
          title: "Today's lesson in three sentences",
          instructions: paragraphs(
            "Right after the lesson, write three sentences: what we did, what I learned, and what I am still unsure about.",
            "If you are unsure about something, write it as a question. Your teacher reads it and can answer in the thread.",
          ),
        },
        {
          title: "Something that was hard",
          instructions: paragraphs(
            "Describe something in your schoolwork that felt difficult this week. What exactly was hard about it?",
            "What did you do when it got hard: did you ask someone, try another way, take a break, or give up for now? There are no wrong answers here.",
            "Write one thing you could try next time you get stuck.",
          ),
        },
        {
          title: "Feedback I received",
          instructions: paragraphs(
            "Think about feedback you got recently, from your teacher, a classmate or yourself.",
            "What did the feedback say, in your own words? What will you do differently because of it?",
          ),
        },
        {
          title: "Show what you learned",
          instructions: paragraphs(
            "Show something you made or did that you are proud of: a photo of your work, a short text, a recording or a picture of your notebook.",
            "Write a few sentences about why you chose it and what it shows about your learning.",
          ),
        },
        {
          title: "Halfway check: my goal",
          instructions: paragraphs(
            "Look back at the goal you set at the start of the term. How far have you come? Pick the emoji that fits.",
            "Write what has helped you so far and what has got in the way. Do you want to keep the goal, change it or make it bigger?",
          ),
        },
        {
          title: "End of term: looking back",
          instructions: paragraphs(
            "Read through your earlier loops. What has changed in how you work and learn since the start of the term?",
            "Write about one thing you are proud of and one thing you want to take with you into next term.",
            "Finish with a tip to a student who starts this course next year.",
          ),
        },
      ],
    },
  },
  sv: {
    name: "Reflektion över lärandet",
    description:
      "Korta, återkommande reflektioner som hjälper eleverna att se hur de lär sig: vad som gick bra, vad som var svårt och vad de vill pröva härnäst. Passar i alla ämnen från årskurs 4.",
    content: {
      roleTitles: { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } },
      tags: [
        { name: "Jag förstod", colour: "green" },
        { name: "Det var svårt", colour: "orange" },
        { name: "Jag behöver hjälp", colour: "red" },
        { name: "Jag hjälpte någon", colour: "teal" },
        { name: "Jag provade något nytt", colour: "purple" },
        { name: "Jag ställde en fråga", colour: "blue" },
        { name: "Jag gav inte upp", colour: "yellow" },
        { name: "Grupparbete", colour: "pink" },
      ],
      tasks: [
        {
          title: "Terminsstart: så lär jag mig bäst",
          instructions: paragraphs(
            "Tänk på ett tillfälle när du lärde dig något riktigt bra, i skolan eller på fritiden. Vad gjorde du? Vilka var med?",
            "Skriv några meningar om vad som hjälper dig att lära: att läsa, lyssna, pröva själv, prata med andra eller något annat. Skriv också en sak som gör det svårare för dig att lära.",
            "Välj den emoji som visar hur du känner inför terminen.",
          ),
        },
        {
          title: "Mitt mål för terminen",
          instructions: paragraphs(
            "Välj ett mål som du vill nå före terminens slut. Gör det till något som går att se eller visa, till exempel \"Jag kan förklara fotosyntesen för en kompis\" hellre än \"Jag blir bättre på biologi\".",
            "Skriv ditt mål och två små steg som tar dig dit. Vilket steg börjar du med den här veckan?",
          ),
        },
        {
          title: "Dagens lektion i tre meningar",
          instructions: paragraphs(
            "Skriv tre meningar direkt efter lektionen: vad vi gjorde, vad jag lärde mig och vad jag fortfarande är osäker på.",
            "Om du är osäker på något, skriv det som en fråga. Din lärare läser den och kan svara i tråden.",
          ),
        },
        {
          title: "Något som var svårt",
          instructions: paragraphs(
            "Beskriv något i skolarbetet som kändes svårt den här veckan. Vad var det som var svårt?",
            "Vad gjorde du när det blev svårt: frågade du någon, provade du ett annat sätt, tog du en paus eller lät du det vara? Det finns inga fel svar.",
            "Skriv en sak du kan pröva nästa gång du kör fast.",
          ),
        },
        {
          title: "Återkoppling jag har fått",
          instructions: paragraphs(
            "Tänk på en återkoppling du har fått nyligen, från din lärare, en klasskamrat eller dig själv.",
            "Vad sa återkopplingen, med dina egna ord? Vad kommer du att göra annorlunda tack vare den?",
          ),
        },
        {
          title: "Visa vad du har lärt dig",
          instructions: paragraphs(
            "Visa något du har gjort som du är stolt över: ett foto av ditt arbete, en kort text, en inspelning eller en bild från ditt häfte.",
            "Skriv några meningar om varför du valde just det och vad det visar om ditt lärande.",
          ),
        },
        {
          title: "Halvvägs: hur går det med mitt mål?",
          instructions: paragraphs(
            "Titta tillbaka på målet du satte i början av terminen. Hur långt har du kommit? Välj den emoji som passar.",
            "Skriv vad som har hjälpt dig hittills och vad som har varit i vägen. Vill du behålla målet, ändra det eller göra det större?",
          ),
        },
        {
          title: "Terminsslut: jag blickar tillbaka",
          instructions: paragraphs(
            "Läs igenom dina tidigare loopar. Vad har förändrats i hur du arbetar och lär dig sedan terminen började?",
            "Skriv om en sak du är stolt över och en sak du vill ta med dig till nästa termin.",
            "Avsluta med ett tips till en elev som börjar den här kursen nästa år.",
          ),
        },
      ],
    },
  },
};
